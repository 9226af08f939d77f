// Widget: the thumbs up/down and comment form under an answer.
Object.assign(Widget.prototype, {
  renderFeedback(m) {
    const msg = h("span", { class: "cw-ok" });
    const up = h("button", { type: "button", class: "cw-fb", "aria-label": "Réponse utile", "aria-pressed": String(m.rating === "up") }, icon("up"));
    const down = h("button", { type: "button", class: "cw-fb", "aria-label": "Réponse pas utile", "aria-pressed": String(m.rating === "down") }, icon("down"));
    const box = h("div", { class: "cw-feedback", role: "group", "aria-label": "Avis sur la réponse" }, h("span", { text: "Cette réponse vous a-t-elle été utile ?" }), up, down, msg);
    if (m.rating) msg.textContent = "Merci pour votre retour.";
    let commentForm = null;
    const send = async (rating, comment) => {
      try {
        await this.postJSON("/api/feedback", {
          session_id: this.state.sessionId,
          message_id: m.messageId,
          rating: rating,
          comment: comment || null,
        });
        return true;
      } catch (err) {
        const e = this.describeError(err);
        msg.className = "cw-fail";
        msg.textContent = "Votre avis n'a pas pu être envoyé. " + (e.status ? e.message : "");
        this.showError("Votre avis n'a pas pu être envoyé : " + e.message, false);
        return false;
      }
    };
    const rate = async (rating) => {
      if (m.rating === rating) return;
      const ok = await send(rating, null);
      if (!ok) return;
      m.rating = rating;
      this.save();
      up.setAttribute("aria-pressed", String(rating === "up"));
      down.setAttribute("aria-pressed", String(rating === "down"));
      msg.className = "cw-ok";
      msg.textContent = "Merci pour votre retour.";
      this.announce("Merci pour votre retour.");
      if (commentForm) {
        commentForm.remove();
        commentForm = null;
      }
      if (rating === "down" && !m.commented) {
        const cid = "cw-cmt-" + m.id;
        const ta = h("textarea", { id: cid, rows: "2", maxlength: "1000" });
        commentForm = h(
          "form",
          { class: "cw-comment", novalidate: true },
          h("label", { for: cid, text: "Qu'est-ce qui n'allait pas ? (facultatif)" }),
          ta,
          h("button", { type: "submit", class: "cw-btn", text: "Envoyer le commentaire" })
        );
        commentForm.addEventListener("submit", async (e) => {
          e.preventDefault();
          const text = ta.value.trim();
          if (!text) {
            ta.focus();
            return;
          }
          if (await send("down", text)) {
            m.commented = true;
            this.save();
            commentForm.remove();
            commentForm = null;
            down.focus();
            msg.textContent = "Merci, votre commentaire a été transmis.";
            this.announce("Merci, votre commentaire a été transmis.");
          }
        });
        box.appendChild(commentForm);
      }
    };
    up.addEventListener("click", () => rate("up"));
    down.addEventListener("click", () => rate("down"));
    return box;
  },

});
